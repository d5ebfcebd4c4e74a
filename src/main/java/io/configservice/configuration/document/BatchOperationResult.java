package io.configservice.configuration.document;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/** The outcome of one batch operation (the spec's {@code BatchOperationResult}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchOperationResult(String operation, boolean success, @Nullable String error) {}
