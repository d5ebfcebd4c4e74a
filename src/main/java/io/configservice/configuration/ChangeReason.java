package io.configservice.configuration;

import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** Optional body of a rollback: why it is done. */
public record ChangeReason(@Size(max = 2000) @Nullable String changeReason) {
}
