package dev.stepgym.envs.searchqa.world;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.stepgym.envs.searchqa.world.HotpotQaLoaderTest.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MusiqueLoaderTest {
    @Test
    void hopsFollowTheDecompositionWithEarlierAnswersSubstituted() {
        Corpus corpus = MusiqueLoader.load(fixture("musique_sample.jsonl"), "train");
        assertEquals("musique:musique_sample.jsonl", corpus.name());
        assertEquals(List.of("2hop__1001_2002", "3hop1__3003_1001_2002"),
                corpus.questions().stream().map(Question::id).toList(), "the unanswerable line is skipped");
        assertEquals(List.of(
                new Document("musique-00000", "Zephyr (phone)", "The Zephyr is a phone made by Qorvane."),
                new Document("musique-00001", "Qorvane", "Qorvane was founded by Ida Brenn in 1990."),
                new Document("musique-00002", "Zephyr (wind)", "Zephyr is the west wind."),
                new Document("musique-00003", "Ida Brenn", "Ida Brenn was born in Lisk.")), corpus.documents(),
                "paragraphs repeated across lines are one document");

        Question two = corpus.questions("train").get(0);
        assertEquals("Ida Brenn", two.answer());
        assertEquals(List.of("I. Brenn"), two.aliases());
        assertEquals(List.of(
                new Hop("Zephyr phone >> manufacturer", "Zephyr phone manufacturer", "Qorvane", "musique-00000"),
                new Hop("Who founded Qorvane?", "Who founded Qorvane?", "Ida Brenn", "musique-00001")), two.hops());
        assertEquals(List.of("musique-00000", "musique-00001"), two.supportingDocumentIds());
        assertEquals(List.of(List.of("Zephyr phone manufacturer"), List.of("Who founded Qorvane?")), two.searchKeys());

        Question three = corpus.questions("train").get(1);
        assertEquals("Where was Ida Brenn born?", three.hops().get(2).subQuestion());
        assertEquals(List.of("musique-00000", "musique-00001", "musique-00003"), three.supportingDocumentIds());
    }

    @Test
    void unanswerableQuestionsLoadWhenAskedWithoutTheirMissingDocument() {
        Corpus corpus = MusiqueLoader.load(fixture("musique_sample.jsonl"), "dev", true);
        Question orca = corpus.question("2hop__4004_5005").orElseThrow();
        assertEquals("Who founded Velt?", orca.hops().get(1).subQuestion());
        assertNull(orca.hops().get(1).documentId(), "paragraph 9 is not in the context");
        assertEquals(List.of("musique-00004"), orca.supportingDocumentIds());
        assertEquals(3, corpus.questions("dev").size());
    }

    @Test
    void malformedLinesNameTheFileLineAndField(@TempDir Path dir) throws IOException {
        Path badLine = fixture("musique_bad_line.jsonl");
        IllegalArgumentException json = assertThrows(IllegalArgumentException.class, () -> MusiqueLoader.load(badLine, "dev"));
        assertTrue(json.getMessage().startsWith(badLine + " line 2: not valid JSON"), json.getMessage());

        Path noDecomposition = fixture("musique_missing_decomposition.jsonl");
        assertEquals(noDecomposition + " line 1 (id nodecomp): field 'question_decomposition' is missing",
                assertThrows(IllegalArgumentException.class, () -> MusiqueLoader.load(noDecomposition, "dev")).getMessage());

        Path badSupport = fixture("musique_bad_support.jsonl");
        assertEquals(badSupport + " line 1 (id badidx) question_decomposition[1]: paragraph_support_idx 7 is not the idx of a paragraph",
                assertThrows(IllegalArgumentException.class, () -> MusiqueLoader.load(badSupport, "dev")).getMessage());

        Path forward = Files.writeString(dir.resolve("forward.jsonl"), Files.readAllLines(badSupport).get(1));
        assertEquals(forward + " line 1 (id forward) question_decomposition[0]: question refers to #2 but only 0 earlier step(s) exist",
                assertThrows(IllegalArgumentException.class, () -> MusiqueLoader.load(forward, "dev")).getMessage());

        Path array = Files.writeString(dir.resolve("array.jsonl"), "[1, 2]\n");
        assertEquals(array + " line 1: must be a JSON object",
                assertThrows(IllegalArgumentException.class, () -> MusiqueLoader.load(array, "dev")).getMessage());

        Path onlyUnanswerable = Files.writeString(dir.resolve("unanswerable.jsonl"),
                Files.readAllLines(fixture("musique_sample.jsonl")).get(3));
        assertEquals(onlyUnanswerable + ": the MuSiQue file holds no answerable question (1 unanswerable skipped)",
                assertThrows(IllegalArgumentException.class, () -> MusiqueLoader.load(onlyUnanswerable, "dev")).getMessage());

        Path paragraph = Files.writeString(dir.resolve("paragraph.jsonl"),
                "{\"id\": \"p\", \"question\": \"Q?\", \"answer\": \"A\", \"paragraphs\": [{\"idx\": 0, \"title\": \"T\"}], "
                        + "\"question_decomposition\": []}");
        assertEquals(paragraph + " line 1 (id p) paragraphs[0]: field 'paragraph_text' is missing",
                assertThrows(IllegalArgumentException.class, () -> MusiqueLoader.load(paragraph, "dev")).getMessage());
    }
}
