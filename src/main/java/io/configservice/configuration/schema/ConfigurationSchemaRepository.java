package io.configservice.configuration.schema;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface ConfigurationSchemaRepository extends JpaRepository<ConfigurationSchema, UUID> {

    /** The schema that applies to a service: its newest active version. */
    @Query(
            nativeQuery = true,
            value =
                    """
            SELECT * FROM configuration_schemas WHERE service_id = :serviceId AND is_active
            ORDER BY schema_version::integer DESC LIMIT 1""")
    Optional<ConfigurationSchema> findActive(@Param("serviceId") String serviceId);

    @Query(
            nativeQuery = true,
            value =
                    """
            SELECT COALESCE(MAX(schema_version::integer), 0) FROM configuration_schemas WHERE service_id = :serviceId""")
    int findLatestVersion(@Param("serviceId") String serviceId);
}
