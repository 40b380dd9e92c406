package dev.stepgym.sandbox.git;

/**
 * Size limits of one change.
 *
 * @param maxFileBytes largest new content of one file
 * @param maxChangeBytes largest sum of new contents of one change
 * @param maxFiles most files in one change
 */
public record EditLimits(long maxFileBytes, long maxChangeBytes, int maxFiles) {
    /** 1 MiB per file, 4 MiB per change, 256 files. */
    public static final EditLimits DEFAULT = new EditLimits(1L << 20, 4L << 20, 256);

    public EditLimits {
        if (maxFileBytes <= 0 || maxChangeBytes <= 0 || maxFiles <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
