package dev.stepgym.sandbox.git;

import java.util.List;

/**
 * What an applied change did.
 *
 * @param written workspace-relative paths created or overwritten, sorted
 * @param deleted workspace-relative paths deleted, sorted
 * @param bytesWritten total bytes of the new contents
 */
public record ApplyResult(List<String> written, List<String> deleted, long bytesWritten) {
    public ApplyResult {
        written = List.copyOf(written);
        deleted = List.copyOf(deleted);
    }
}
