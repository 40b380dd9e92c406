package dev.stepgym.envs.code.edit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EditPreviewTest {

    @Test
    void oneChangedLineWithContext() {
        String before = "a\nb\nc\nd\ne\nf\ng\nh\n";
        String after = "a\nb\nc\nd\nE\nf\ng\nh\n";
        EditPreview p = EditPreview.of("pkg/m.py", before, after);
        assertEquals("""
                --- a/pkg/m.py
                +++ b/pkg/m.py
                @@ -2,7 +2,7 @@
                 b
                 c
                 d
                -e
                +E
                 f
                 g
                 h
                """, p.diff());
        assertEquals(1, p.linesAdded());
        assertEquals(1, p.linesRemoved());
        assertEquals(p, EditPreview.of("pkg/m.py", before, after));   // deterministic
    }

    @Test
    void insertionsDeletionsAndMissingFinalNewline() {
        EditPreview p = EditPreview.of("x.py", "x = 1\n", "x = 1\ny = 2");
        assertEquals("""
                --- a/x.py
                +++ b/x.py
                @@ -1 +1,2 @@
                 x = 1
                +y = 2
                \\ No newline at end of file
                """, p.diff());
        assertEquals(1, p.linesAdded());
        assertEquals(0, p.linesRemoved());
        assertEquals(2, EditPreview.of("x.py", "a\nb\nc\n", "c\n").linesRemoved());
    }

    @Test
    void unchangedFileHasAnEmptyDiff() {
        assertEquals(new EditPreview("x.py", "", 0, 0), EditPreview.of("x.py", "same\n", "same\n"));
        assertEquals("", EditPreview.of("e.py", "", "").diff());
    }

    @Test
    void fromEmptyFile() {
        assertEquals("--- a/e.py\n+++ b/e.py\n@@ -0,0 +1 @@\n+x\n", EditPreview.of("e.py", "", "x\n").diff());
    }
}
