package dev.stepgym.envs.code.edit;

/**
 * Where in a file an agent means: the selector language, after Lanser-CLI's canonical strings (simplified).
 * Lines and columns are 1-based here; columns count UTF-16 code units; range ends are exclusive.
 *
 * <table>
 * <caption>Selector strings</caption>
 * <tr><td>{@code src/app.py@L42}</td><td>line 42, without its line break</td></tr>
 * <tr><td>{@code src/app.py@L42-44}</td><td>lines 42 to 44, without the last line break</td></tr>
 * <tr><td>{@code src/app.py@L42:C7}</td><td>the insertion point before column 7 of line 42</td></tr>
 * <tr><td>{@code src/app.py@R(42,1->44,10)}</td><td>from line 42 column 1 up to, not including, line 44
 *     column 10; {@code R(42,1->45,1)} covers lines 42-44 with their line breaks</td></tr>
 * <tr><td>{@code py://src/app.py#Loader.load}</td><td>a symbol's whole definition (decorators as the server
 *     reports them); {@code :body} for its body without the {@code def}/{@code class} header;
 *     {@code ?occurrence=2} picks the second of several same-named definitions</td></tr>
 * <tr><td>{@code anchor://src/app.py#"def load_data("}</td><td>verbatim text; inside the quotes {@code \"},
 *     {@code \\}, {@code \n}, {@code \r}, {@code \t} are escapes; {@code ?occurrence=2} picks the second
 *     match</td></tr>
 * </table>
 *
 * <pre>{@code
 * Selector s = Selector.parse("py://src/app.py#Loader.load:body");
 * s.path();         // "src/app.py"
 * s.canonical();    // "py://src/app.py#Loader.load:body"
 * }</pre>
 *
 * The path is passed through as written; confining it to the workspace is the workspace jail's job.
 */
public sealed interface Selector permits LineSelector, RangeSelector, SymbolSelector, AnchorSelector {
    /** The file, relative to the workspace root. */
    String path();

    /** The canonical selector string; {@link #parse} of it gives an equal selector. */
    String canonical();

    /** Parses a selector string; anything else is {@link SelectorException.Kind#BAD_SELECTOR}. */
    static Selector parse(String selector) throws SelectorException {
        return SelectorParser.parse(selector);
    }
}
