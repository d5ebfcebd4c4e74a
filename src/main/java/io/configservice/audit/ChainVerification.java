package io.configservice.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The result of checking one audit chain.
 *
 * @param checked sealed rows that were checked
 * @param firstBrokenId the first row whose position, link or content does not fit; {@code null}
 *     when the chain is intact or only its end is missing (see {@code problem})
 * @param unsealed rows written but not sealed yet (sealing runs every fraction of a second)
 * @param legacy how many of the checked rows were sealed before the chain key existed and so were
 *     checked with plain SHA-256 (their end is authenticated by the chain key)
 * @param pruned rows deleted by retention before the newest checkpoint (verification starts from
 *     it)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChainVerification(
        String chain,
        boolean valid,
        long checked,
        @Nullable String firstBrokenId,
        @Nullable String problem,
        long unsealed,
        long legacy,
        long pruned) {}
