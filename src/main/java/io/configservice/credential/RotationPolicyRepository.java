package io.configservice.credential;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** Rotation policies. */
interface RotationPolicyRepository extends JpaRepository<RotationPolicy, String> {

    boolean existsByName(String name);

    List<RotationPolicy> findAllByOrderByName();
}
