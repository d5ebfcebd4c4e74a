package io.configservice.environment;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface EnvironmentRepository extends JpaRepository<Environment, String> {

    /**
     * Reads the environment and locks its row ({@code SELECT … FOR UPDATE}) until the transaction
     * ends.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("SELECT e FROM Environment e WHERE e.id = :id")
    Optional<Environment> findForUpdate(@Param("id") String id);

    List<Environment> findByActiveTrueOrderById();

    boolean existsByIdAndActiveTrue(String id);

    @Query(
            nativeQuery = true,
            value =
                    "SELECT EXISTS (SELECT 1 FROM service_configurations WHERE environment = :environment)")
    boolean hasConfigurations(@Param("environment") String environment);
}
