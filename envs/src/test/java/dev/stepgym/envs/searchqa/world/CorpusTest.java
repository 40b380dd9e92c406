package dev.stepgym.envs.searchqa.world;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorpusTest {
    static final Document PARIS = new Document("d1", "Paris", "Paris is the capital of France.");
    static final Document FRANCE = new Document("d2", "France", "France is a country in Europe.");

    static Question question(String id, String split, List<String> supporting) {
        Hop hop = new Hop("What is the capital of France?", "France capital", "Paris", "d1");
        return new Question(id, split, "What is the capital of France?", "Paris", List.of(), List.of(hop),
                supporting, List.of(List.of("France capital", "capital of France")));
    }

    @Test
    void looksUpDocumentsAndQuestionsBySplitInOrder() {
        Question a = question("q1", "dev", List.of("d1"));
        Question b = question("q2", "train", List.of("d1", "d2"));
        Question c = question("q3", "dev", List.of("d2"));
        Corpus corpus = new Corpus("tiny", List.of(PARIS, FRANCE), List.of(a, b, c));
        assertEquals("tiny", corpus.name());
        assertEquals(PARIS, corpus.document("d1").orElseThrow());
        assertTrue(corpus.document("d9").isEmpty());
        assertEquals(List.of(a, c), corpus.questions("dev"));
        assertEquals(List.of(b), corpus.questions("train"));
        assertEquals(List.of(), corpus.questions("test"));
        assertEquals(List.of("dev", "train"), List.copyOf(corpus.splits()));
        assertEquals(b, corpus.question("q2").orElseThrow());
        assertThrows(UnsupportedOperationException.class, () -> corpus.documents().add(PARIS));
        assertThrows(UnsupportedOperationException.class, () -> corpus.questions("dev").clear());
    }

    @Test
    void inputListsAreCopied() {
        List<Document> documents = new ArrayList<>(List.of(PARIS, FRANCE));
        Corpus corpus = new Corpus("tiny", documents, List.of());
        documents.clear();
        assertEquals(2, corpus.documents().size());
    }

    @Test
    void digestFollowsTheContent() {
        Corpus one = new Corpus("tiny", List.of(PARIS, FRANCE), List.of(question("q1", "dev", List.of("d1"))));
        Corpus same = new Corpus("tiny", List.of(PARIS, FRANCE), List.of(question("q1", "dev", List.of("d1"))));
        Corpus edited = new Corpus("tiny", List.of(PARIS, new Document("d2", "France", "France is a country.")),
                List.of(question("q1", "dev", List.of("d1"))));
        assertEquals(one.digest(), same.digest());
        assertNotEquals(one.digest(), edited.digest());
        assertTrue(one.digest().startsWith("sha256:"));
    }

    @Test
    void rejectsInconsistentContentWithClearMessages() {
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> new Corpus("tiny", List.of(PARIS, new Document("d1", "Lyon", "Lyon.")), List.of()));
        assertEquals("corpus tiny: document id 'd1' appears twice", twice.getMessage());

        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> new Corpus("tiny", List.of(PARIS), List.of(question("q1", "dev", List.of("d1", "d7")))));
        assertEquals("corpus tiny: question q1 names supporting document 'd7', which is not in the corpus",
                missing.getMessage());

        IllegalArgumentException sameId = assertThrows(IllegalArgumentException.class, () -> new Corpus("tiny",
                List.of(PARIS), List.of(question("q1", "dev", List.of()), question("q1", "test", List.of()))));
        assertTrue(sameId.getMessage().contains("question id 'q1' appears twice"), sameId.getMessage());

        Question noHop = new Question("q9", "dev", "?", "x", List.of(), List.of(), List.of(), List.of());
        IllegalArgumentException hopless = assertThrows(IllegalArgumentException.class,
                () -> new Corpus("tiny", List.of(PARIS), List.of(noHop)));
        assertEquals("corpus tiny: question q9 has no hop", hopless.getMessage());

        Hop elsewhere = new Hop("?", "q", "a", "d5");
        Question badHop = new Question("q8", "dev", "?", "a", List.of(), List.of(elsewhere), List.of(), List.of());
        IllegalArgumentException hopDoc = assertThrows(IllegalArgumentException.class,
                () -> new Corpus("tiny", List.of(PARIS), List.of(badHop)));
        assertTrue(hopDoc.getMessage().contains("hop document 'd5'"), hopDoc.getMessage());

        assertThrows(IllegalArgumentException.class, () -> new Corpus(" ", List.of(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Document("", "t", "x"));
    }
}
