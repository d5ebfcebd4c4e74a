-- Spring Cloud Bus refresh events (RefreshRemoteApplicationEvent JSON), written in the transaction of the effective
-- change that causes them when the bus is on, and deleted once RabbitMQ confirmed them; what is here still waits.
CREATE TABLE bus_outbox (
    id         BIGSERIAL PRIMARY KEY,
    event_id   VARCHAR(36)  NOT NULL,
    service_id VARCHAR(100) NOT NULL,
    payload    TEXT         NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
