package dev.stepgym.envs.searchqa.world;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HotpotQaLoaderTest {
    static Path fixture(String name) {
        try {
            return Path.of(HotpotQaLoaderTest.class.getResource("/searchqa/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsParagraphsOncePerTitleAndTextAndHopsPerSupportingTitle() {
        Corpus corpus = HotpotQaLoader.load(fixture("hotpot_sample.json"), "dev");
        assertEquals("hotpotqa:hotpot_sample.json", corpus.name());
        assertEquals(List.of(
                new Document("hotpot-00000", "Lena Ostrova",
                        "Lena Ostrova (born 1971) is a chemist. She studied at Marl University. She lives abroad."),
                new Document("hotpot-00001", "Marl University",
                        "Marl University is a public research university. It is located in Tarnow Bay."),
                new Document("hotpot-00002", "Harbour Lights", "Harbour Lights is a 1998 novel. It is set in Tarnow Bay."),
                new Document("hotpot-00003", "Kettle College",
                        "Kettle College was founded in 1921. It is a liberal arts college.")), corpus.documents());

        Question bridge = corpus.question("5a7a06935542990198eaf050").orElseThrow();
        assertEquals("dev", bridge.split());
        assertEquals("Tarnow Bay", bridge.answer());
        assertEquals(List.of(), bridge.aliases());
        assertEquals(List.of(
                new Hop("About Lena Ostrova", "Lena Ostrova", "Lena Ostrova", "hotpot-00000"),
                new Hop("In which city is the university where Lena Ostrova studied?", "Marl University", "Tarnow Bay",
                        "hotpot-00001")), bridge.hops());
        assertEquals(List.of("hotpot-00000", "hotpot-00001"), bridge.supportingDocumentIds());
        assertEquals(List.of(List.of("Lena Ostrova"), List.of("Marl University")), bridge.searchKeys());

        Question comparison = corpus.question("5ab3b0bf5542992ade7c6e39").orElseThrow();
        assertEquals(List.of("hotpot-00001", "hotpot-00003"), comparison.supportingDocumentIds(),
                "titles in supporting_facts order, the repeated one once");
        assertEquals("Marl University", comparison.hops().get(1).answer());
        assertEquals("no", corpus.question("5ae0185b55429942ec259c1b").orElseThrow().answer());
        assertEquals(3, corpus.questions("dev").size());
    }

    @Test
    void malformedFilesNameTheFileEntryAndField() {
        Path notJson = fixture("hotpot_not_json.json");
        IllegalArgumentException parse = assertThrows(IllegalArgumentException.class,
                () -> HotpotQaLoader.load(notJson, "dev"));
        assertTrue(parse.getMessage().contains(notJson.toString()), parse.getMessage());

        Path missing = fixture("hotpot_missing_answer.json");
        IllegalArgumentException field = assertThrows(IllegalArgumentException.class,
                () -> HotpotQaLoader.load(missing, "dev"));
        assertEquals(missing + " entry 1 (_id broken-2): field 'answer' is missing", field.getMessage());

        Path absent = fixture("hotpot_absent_title.json");
        IllegalArgumentException title = assertThrows(IllegalArgumentException.class,
                () -> HotpotQaLoader.load(absent, "dev"));
        assertEquals(absent + " entry 0 (_id lost-1): supporting_facts title 'Missing Page' is not in context",
                title.getMessage());
    }

    @Test
    void wrongShapesAreClearErrors(@TempDir Path dir) throws IOException {
        Path object = Files.writeString(dir.resolve("object.json"), "{\"_id\": \"x\"}");
        assertEquals(object + ": a HotpotQA file must hold a JSON array of questions",
                assertThrows(IllegalArgumentException.class, () -> HotpotQaLoader.load(object, "dev")).getMessage());

        Path empty = Files.writeString(dir.resolve("empty.json"), "[]");
        assertEquals(empty + ": the HotpotQA file holds no question",
                assertThrows(IllegalArgumentException.class, () -> HotpotQaLoader.load(empty, "dev")).getMessage());

        Path noFacts = Files.writeString(dir.resolve("nofacts.json"),
                "[{\"_id\": \"n\", \"question\": \"Q?\", \"answer\": \"A\", \"supporting_facts\": [], \"context\": []}]");
        assertEquals(noFacts + " entry 0 (_id n): field 'supporting_facts' is empty",
                assertThrows(IllegalArgumentException.class, () -> HotpotQaLoader.load(noFacts, "dev")).getMessage());

        Path badContext = Files.writeString(dir.resolve("context.json"),
                "[{\"_id\": \"c\", \"question\": \"Q?\", \"answer\": \"A\", \"supporting_facts\": [], \"context\": [\"T\"]}]");
        assertEquals(badContext + " entry 0 (_id c): context[0] must be [title, [sentences…]]",
                assertThrows(IllegalArgumentException.class, () -> HotpotQaLoader.load(badContext, "dev")).getMessage());

        Path truncated = Files.writeString(dir.resolve("truncated.json"),
                "[{\"_id\": \"t\", \"question\": \"Q?\"");
        IllegalArgumentException cut = assertThrows(IllegalArgumentException.class, () -> HotpotQaLoader.load(truncated, "dev"));
        assertTrue(cut.getMessage().startsWith("cannot read HotpotQA file " + truncated + " (at entry 0)"), cut.getMessage());

        assertThrows(IllegalArgumentException.class, () -> HotpotQaLoader.load(dir.resolve("absent.json"), "dev"));
        assertThrows(IllegalArgumentException.class, () -> HotpotQaLoader.load(fixture("hotpot_sample.json"), " "));
    }
}
