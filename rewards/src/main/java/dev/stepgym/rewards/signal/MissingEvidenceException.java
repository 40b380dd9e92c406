package dev.stepgym.rewards.signal;

/** A signal needs an evidence or context field the step does not have (or has with another type). */
public final class MissingEvidenceException extends IllegalArgumentException {
    private final String signal;
    private final String field;

    public MissingEvidenceException(String signal, String field, String problem) {
        super("signal " + signal + ": " + problem);
        this.signal = signal;
        this.field = field;
    }

    public String signal() {
        return signal;
    }

    public String field() {
        return field;
    }
}
