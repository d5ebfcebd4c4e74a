package io.configservice.environment;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface EnvironmentRepository extends JpaRepository<Environment, String> {

    List<Environment> findByActiveTrue();

    boolean existsByIdAndActiveTrue(String id);
}
