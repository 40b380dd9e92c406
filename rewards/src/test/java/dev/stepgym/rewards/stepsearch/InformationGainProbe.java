package dev.stepgym.rewards.stepsearch;

import java.util.List;
import java.util.StringJoiner;

/** Run in a fresh JVM by {@link TfidfDeterminismTest}: prints the bits of a few information gains. */
public final class InformationGainProbe {
    private static final List<String> GOLDS = List.of(
            "The Eiffel Tower is a wrought-iron lattice tower on the Champ de Mars in Paris, France, named after the"
                    + " engineer Gustave Eiffel whose company designed and built the tower from 1887 to 1889.",
            "Gustave Eiffel was a French civil engineer whose company built the Eiffel Tower in Paris for the 1889"
                    + " World's Fair, and contributed to the Statue of Liberty in New York.",
            "Paris is the capital and most populous city of France, with an estimated population of two million"
                    + " residents in an area of more than one hundred square kilometres.");
    private static final String DOC = "Gustave Eiffel, French engineer, designed the iron tower in Paris; his company"
            + " also built the frame of the Statue of Liberty in New York harbour.";

    private InformationGainProbe() {
    }

    static String bits() {
        StringJoiner out = new StringJoiner(" ");
        for (String gold : GOLDS) {
            out.add(Long.toHexString(Double.doubleToLongBits(new InformationGain(List.of(gold)).step(List.of(DOC)))));
        }
        out.add(Long.toHexString(Double.doubleToLongBits(new InformationGain(GOLDS).step(List.of(DOC)))));
        return out.toString();
    }

    public static void main(String[] args) {
        System.out.println(bits());
    }
}
