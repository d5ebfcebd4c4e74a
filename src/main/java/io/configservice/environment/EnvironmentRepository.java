package io.configservice.environment;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface EnvironmentRepository extends JpaRepository<Environment, String> {

    List<Environment> findByActiveTrueOrderById();

    boolean existsByIdAndActiveTrue(String id);

    @Query(nativeQuery = true,
            value = "SELECT EXISTS (SELECT 1 FROM service_configurations WHERE environment = :environment)")
    boolean hasConfigurations(@Param("environment") String environment);
}
