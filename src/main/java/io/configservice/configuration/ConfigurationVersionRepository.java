package io.configservice.configuration;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import java.util.UUID;

interface ConfigurationVersionRepository extends JpaRepository<ConfigurationVersion, UUID> {

    Optional<ConfigurationVersion> findFirstByServiceIdAndEnvironmentAndActiveTrueOrderByVersionDesc(
            String serviceId, String environment);

    Optional<ConfigurationVersion> findByServiceIdAndEnvironmentAndVersion(String serviceId, String environment,
            int version);

    /** The current version of a service's configuration in every environment that has one. */
    @Query(nativeQuery = true, value = """
            SELECT DISTINCT ON (environment) * FROM service_configurations
            WHERE service_id = :serviceId AND is_active
            ORDER BY environment, version DESC""")
    List<ConfigurationVersion> findCurrentPerEnvironment(@Param("serviceId") String serviceId);

    @Query(nativeQuery = true,
            value = "SELECT DISTINCT service_id FROM service_configurations WHERE environment IN (:environments)")
    List<String> findServiceIdsIn(@Param("environments") Collection<String> environments);

    /**
     * Serializes writers of one configuration until the transaction ends (a PostgreSQL advisory lock), so version
     * numbers are never duplicated or skipped; the unique constraint on the version stays as the backstop.
     */
    @Query(nativeQuery = true,
            value = "SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(:lockKey, 0))) AS locked")
    int lockForWrite(@Param("lockKey") String lockKey);
}
