package io.configservice.configuration.schema;

import java.util.List;

/**
 * Answer of {@code POST /configurations/{serviceId}/validate}.
 *
 * @param valid whether every listed environment's effective configuration satisfies the service's
 *     schema
 * @param environments the written environment first, then each descendant whose effective
 *     configuration the candidate would change
 */
public record ValidationResult(boolean valid, List<EffectiveValidation> environments) {}
