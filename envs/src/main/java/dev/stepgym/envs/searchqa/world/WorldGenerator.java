package dev.stepgym.envs.searchqa.world;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates a fictional encyclopedia and multi-hop questions over it. Names are invented from syllables and
 * facts drawn at random, so no language model has memorised the answers: an agent has to search.
 *
 * <p>The world: countries (formal name, capital, language), cities (country, river, population), people
 * (birthplace and year, occupation, spouse, university), organisations (universities, publishers, studios,
 * labels, institutes, companies, societies; founder, headquarters, founding year) and works (novels, films,
 * albums; creator, publisher, year). Questions follow chains of 2 to 4 functional relations, e.g.
 * {@code work → author → birthplace → country}: "In which country was the author of The Silent Harbour born?".
 * Each hop's fact is stated in exactly the gold page the hop names, and the hop's query finds that page with
 * BM25. Splits: 80% train, 10% dev, 10% test, ids {@code sq-dev-00017}.
 *
 * <p>Deterministic: one seed drives separate {@link SplittableRandom} streams for the entities, the prose and the
 * questions, no hash-ordered collection is iterated, and the same seed and size give the same corpus byte for
 * byte (equal {@link Corpus#digest()}).
 *
 * <pre>{@code
 * Corpus corpus = WorldGenerator.generate(0L, WorldSize.DEFAULT);   // ~5,900 documents, 2,500 questions
 * Question q = corpus.questions("test").get(0);
 * }</pre>
 */
public final class WorldGenerator {
    public static final List<String> SPLITS = List.of("train", "dev", "test");

    private WorldGenerator() {
    }

    /**
     * @throws IllegalArgumentException when the world is too small for the number of distinct questions asked
     */
    public static Corpus generate(long seed, WorldSize size) {
        if (size == null) {
            throw new IllegalArgumentException("a world size is required, e.g. WorldSize.DEFAULT");
        }
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom entityRandom = root.split();
        SplittableRandom proseRandom = root.split();
        SplittableRandom questionRandom = root.split();

        Names names = new Names(entityRandom);
        names.reserve(reservedWords());
        World world = World.generate(entityRandom, size, names);

        List<Encyclopedia.Draft> drafts = new ArrayList<>(Encyclopedia.write(world, proseRandom));
        shuffle(drafts, proseRandom); // ids carry no hint of an entity's type
        List<Document> documents = new ArrayList<>(drafts.size());
        Map<String, String> idByKey = new HashMap<>();
        for (int i = 0; i < drafts.size(); i++) {
            Encyclopedia.Draft d = drafts.get(i);
            String id = String.format(Locale.ROOT, "d%05d", i);
            documents.add(new Document(id, d.title(), d.text()));
            idByKey.put(d.key(), id);
        }

        List<QuestionComposer.Draft> composed = new QuestionComposer(world, idByKey, questionRandom)
                .compose(size.questions());
        return new Corpus(name(seed, size), documents, split(composed));
    }

    /** The first 80% of the (already random) drafts are train, then 10% dev, then 10% test. */
    private static List<Question> split(List<QuestionComposer.Draft> drafts) {
        int n = drafts.size();
        int held = n >= 3 ? Math.max(1, n / 10) : 0;
        int train = n - 2 * held;
        List<Question> questions = new ArrayList<>(n);
        int[] counters = new int[SPLITS.size()];
        for (int i = 0; i < n; i++) {
            int s = i < train ? 0 : i < train + held ? 1 : 2;
            String split = SPLITS.get(s);
            QuestionComposer.Draft d = drafts.get(i);
            String id = String.format(Locale.ROOT, "sq-%s-%05d", split, counters[s]++);
            questions.add(new Question(id, split, d.text(), d.answer(), d.aliases(), d.hops(),
                    d.supportingDocumentIds(), d.searchKeys()));
        }
        return questions;
    }

    private static String name(long seed, WorldSize size) {
        return String.format(Locale.ROOT, "fictional-world-seed%d-%dp-%dpl-%do-%dw-%dq", seed, size.people(),
                size.places(), size.organisations(), size.works(), size.questions());
    }

    private static String reservedWords() {
        List<String> words = new ArrayList<>(List.of(Encyclopedia.VOCABULARY));
        words.addAll(World.TITLE_ADJECTIVES);
        words.addAll(World.TITLE_NOUNS);
        words.addAll(World.TRADES);
        words.addAll(World.OTHER_OCCUPATIONS);
        words.addAll(World.COUNTRY_FORMS);
        for (World.OrgKind kind : World.OrgKind.values()) {
            words.add(kind.description);
            words.addAll(kind.suffixes);
        }
        return String.join(" ", words);
    }

    private static <T> void shuffle(List<T> list, SplittableRandom random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T tmp = list.get(i);
            list.set(i, list.get(j));
            list.set(j, tmp);
        }
    }
}
