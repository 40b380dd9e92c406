package dev.stepgym.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The wire form of an error: {@code {"error":{"code":…,"message":…}}}. */
public record ErrorBody(Detail error) {
    /** @param retryAfterSeconds set for {@link ErrorCode#CAPACITY} */
    public record Detail(ErrorCode code, String message,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Integer retryAfterSeconds) {
    }
}
