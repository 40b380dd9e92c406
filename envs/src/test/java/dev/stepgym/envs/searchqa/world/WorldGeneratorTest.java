package dev.stepgym.envs.searchqa.world;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorldGeneratorTest {
    private static final String EARLY_LIFE = "Early life of ";
    private static Corpus world;

    @BeforeAll
    static void generate() {
        world = WorldGenerator.generate(7L, WorldSize.small());
    }

    @Test
    void sameSeedGivesTheSameCorpusAndAnotherSeedAnother() {
        Corpus again = WorldGenerator.generate(7L, WorldSize.small());
        assertEquals(world.documents(), again.documents());
        assertEquals(world.questions(), again.questions());
        assertEquals(world.digest(), again.digest());
        assertTrue(world.digest().matches("sha256:[0-9a-f]{64}"), world.digest());

        Corpus other = WorldGenerator.generate(8L, WorldSize.small());
        assertNotEquals(world.digest(), other.digest());
        assertNotEquals(world.documents().get(0), other.documents().get(0));
        assertNotEquals(world.questions().get(0).text(), other.questions().get(0).text());
    }

    @Test
    void smallWorldHasAboutThreeHundredDocumentsAndSplitsEightyTenTen() {
        int documents = world.documents().size();
        assertTrue(documents >= 250 && documents <= 350, "documents: " + documents);
        assertEquals(110, world.questions().size());
        assertEquals(List.of("train", "dev", "test"), List.copyOf(world.splits()));
        assertEquals(88, world.questions("train").size());
        assertEquals(11, world.questions("dev").size());
        assertEquals(11, world.questions("test").size());
        assertEquals("sq-dev-00000", world.questions("dev").get(0).id());
        assertEquals("sq-test-00010", world.questions("test").get(10).id());
        for (String split : world.splits()) {
            List<Question> questions = world.questions(split);
            for (int i = 0; i < questions.size(); i++) {
                assertEquals(String.format("sq-%s-%05d", split, i), questions.get(i).id());
                assertEquals(split, questions.get(i).split());
            }
        }
        assertEquals("d00000", world.documents().get(0).id());
        assertTrue(world.document("d00000").isPresent());
        assertEquals(world.questions("dev").get(3), world.question(world.questions("dev").get(3).id()).orElseThrow());
    }

    @Test
    void hopCountsTwoThreeAndFourAllOccur() {
        Map<Integer, Integer> counts = new TreeMap<>();
        world.questions().forEach(q -> counts.merge(q.hopCount(), 1, Integer::sum));
        assertEquals(Set.of(2, 3, 4), counts.keySet(), counts.toString());
        assertTrue(counts.get(2) > counts.get(4), "two-hop questions are the most common: " + counts);
    }

    @Test
    void everyHopFactIsStatedInItsGoldDocument() {
        for (Question q : world.questions()) {
            List<Hop> hops = q.hops();
            for (int i = 0; i < hops.size(); i++) {
                Hop hop = hops.get(i);
                Document gold = world.document(hop.documentId()).orElseThrow();
                assertTrue(gold.text().contains(hop.answer()),
                        q.id() + " hop " + i + ": '" + hop.answer() + "' is not stated in " + gold);
                String subject = gold.title().startsWith(EARLY_LIFE) ? gold.title().substring(EARLY_LIFE.length()) : gold.title();
                assertTrue(hop.subQuestion().contains(subject), q.id() + " hop " + i + " is not about " + subject);
                if (i == 0) {
                    assertTrue(q.text().contains(subject), q.id() + " does not name its first subject " + subject);
                } else {
                    assertTrue(hop.subQuestion().contains(hops.get(i - 1).answer()),
                            q.id() + " hop " + i + " does not substitute the previous answer");
                }
            }
            assertEquals(q.answer(), hops.get(hops.size() - 1).answer(), q.id());
            assertEquals(List.copyOf(new LinkedHashSet<>(hops.stream().map(Hop::documentId).toList())),
                    q.supportingDocumentIds(), q.id());
            assertEquals(hops.size(), q.searchKeys().size(), q.id());
            for (int i = 0; i < hops.size(); i++) {
                List<String> group = q.searchKeys().get(i);
                assertTrue(group.size() >= 2 && group.size() <= 3, q.id() + " search keys " + group);
                assertEquals(hops.get(i).query(), group.get(0), q.id());
            }
        }
    }

    @Test
    void answersAreUnambiguous() {
        Set<String> titles = new HashSet<>();
        world.documents().forEach(d -> assertTrue(titles.add(d.title()), "title repeats: " + d.title()));

        // A relation asked about one subject always gets one answer, across all questions.
        Map<String, String> answerBySubQuestion = new HashMap<>();
        Map<String, String> answerByQuestion = new HashMap<>();
        Set<String> countries = new HashSet<>();
        for (Question q : world.questions()) {
            assertEquals(null, answerByQuestion.put(q.text(), q.answer()), "question asked twice: " + q.text());
            for (Hop hop : q.hops()) {
                String previous = answerBySubQuestion.putIfAbsent(hop.subQuestion(), hop.answer());
                assertTrue(previous == null || previous.equals(hop.answer()),
                        hop.subQuestion() + " has answers " + previous + " and " + hop.answer());
                if (hop.subQuestion().startsWith("In which country is")) {
                    countries.add(hop.answer());
                }
            }
        }
        // The page a country hop reads names exactly one country, so the reader cannot pick a wrong one.
        for (Question q : world.questions()) {
            for (Hop hop : q.hops()) {
                if (hop.subQuestion().startsWith("In which country is")) {
                    String text = world.document(hop.documentId()).orElseThrow().text();
                    long named = countries.stream()
                            .filter(c -> Pattern.compile("\\b" + Pattern.quote(c) + "\\b").matcher(text).find()).count();
                    assertEquals(1, named, text);
                }
            }
        }
        assertTrue(countries.size() >= 2, "country questions span several countries: " + countries);
    }

    @Test
    void countriesCarryTheirFormalNameAsAlias() {
        Question q = world.questions().stream()
                .filter(x -> x.text().startsWith("In which country")).findFirst().orElseThrow();
        assertEquals(1, q.aliases().size());
        assertTrue(q.aliases().get(0).matches("(Republic|Kingdom|Federation|Commonwealth|Grand Duchy) of "
                + Pattern.quote(q.answer())), q.aliases().toString());
    }

    @Test
    void tooManyQuestionsForTheWorldIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WorldGenerator.generate(1L, new WorldSize(10, 6, 7, 3, 100_000)));
        assertTrue(e.getMessage().contains("too small for 100000 distinct questions"), e.getMessage());
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> new WorldSize(2, 36, 42, 90, 110));
        assertTrue(size.getMessage().contains("at least 10 people"), size.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WorldGenerator.generate(1L, null));
    }
}
