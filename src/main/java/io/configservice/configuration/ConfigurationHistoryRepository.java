package io.configservice.configuration;

import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

interface ConfigurationHistoryRepository extends JpaRepository<ConfigurationHistory, UUID> {

    List<ConfigurationHistory> findByServiceIdAndEnvironmentAndVersionLessThanOrderByVersionDesc(String serviceId,
            String environment, int beforeVersion, Limit limit);
}
