package io.configservice.configuration.history;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ConfigurationHistoryRepository extends JpaRepository<ConfigurationHistory, UUID> {

    List<ConfigurationHistory> findByServiceIdAndEnvironmentAndVersionGreaterThanOrderByVersionAsc(
            String serviceId, String environment, int afterVersion, Limit limit);

    Optional<ConfigurationHistory> findFirstByServiceIdAndEnvironmentOrderByVersionAsc(
            String serviceId, String environment);

    List<ConfigurationHistory> findByServiceIdAndEnvironmentAndVersionLessThanOrderByVersionDesc(
            String serviceId, String environment, int beforeVersion, Limit limit);
}
