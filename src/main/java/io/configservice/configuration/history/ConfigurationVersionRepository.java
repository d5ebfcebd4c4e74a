package io.configservice.configuration.history;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface ConfigurationVersionRepository extends JpaRepository<ConfigurationVersion, UUID> {

    Optional<ConfigurationVersion>
            findFirstByServiceIdAndEnvironmentAndActiveTrueOrderByVersionDesc(
                    String serviceId, String environment);

    Optional<ConfigurationVersion> findByServiceIdAndEnvironmentAndVersion(
            String serviceId, String environment, int version);

    /**
     * The current version of a service's configuration in every environment that has one: one
     * backward probe of the (service, environment, version) index per environment, where {@code
     * DISTINCT ON} read every stored version of the service (and its document) on each write.
     */
    @Query(
            nativeQuery = true,
            value =
                    """
            SELECT latest.* FROM environments e CROSS JOIN LATERAL (
                SELECT * FROM service_configurations c
                WHERE c.service_id = :serviceId AND c.environment = e.id AND c.is_active
                ORDER BY c.version DESC LIMIT 1) latest""")
    List<ConfigurationVersion> findCurrentPerEnvironment(@Param("serviceId") String serviceId);

    @Query(
            nativeQuery = true,
            value =
                    "SELECT DISTINCT service_id FROM service_configurations WHERE environment IN (:environments)")
    List<String> findServiceIdsIn(@Param("environments") Collection<String> environments);
}
