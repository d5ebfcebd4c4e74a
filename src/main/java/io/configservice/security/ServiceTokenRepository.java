package io.configservice.security;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface ServiceTokenRepository extends JpaRepository<ServiceToken, String> {

    List<ServiceToken> findByRevokedAtIsNullOrderByCreatedAtDesc();

    /** Stores the bootstrap admin token unless one exists; 1 when this call stored it. */
    @Modifying
    @Query(
            nativeQuery = true,
            value =
                    """
            INSERT INTO service_tokens (id, token_hash, admin, description, created_by)
            VALUES ('admin', :hash, true, 'Bootstrap admin token', 'system')
            ON CONFLICT (id) DO NOTHING""")
    int insertAdminIfAbsent(@Param("hash") String hash);

    /** Makes the configured admin token the bootstrap admin token, replacing any earlier one. */
    @Modifying
    @Query(
            nativeQuery = true,
            value =
                    """
            INSERT INTO service_tokens (id, token_hash, admin, description, created_by)
            VALUES ('admin', :hash, true, 'Admin token from CONFIG_ADMIN_TOKEN', 'system')
            ON CONFLICT (id) DO UPDATE SET token_hash = EXCLUDED.token_hash, revoked_at = NULL,
                description = EXCLUDED.description""")
    int upsertAdmin(@Param("hash") String hash);
}
