package io.configservice.bench.bare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The bare baseline of bench/run.sh: answers {@code GET /api/v1/configurations/{serviceId}} (the
 * path of the service's cached read, so wrk sends the very same requests) with the bytes of {@code
 * bare.body}, a response body the harness fetched from the service after seeding, and {@code
 * bare.content-type}, both read once at start. No security, no database, no cache: what Spring MVC
 * on Tomcat costs per request.
 *
 * <pre>
 * java -jar bare-bench.jar --server.port=18012 --bare.body=FILE --bare.content-type=application/json
 * </pre>
 */
@SpringBootApplication
@RestController
public class BareBaseline {

    private final byte[] body;
    private final MediaType contentType;

    public BareBaseline(
            @Value("${bare.body}") Path body, @Value("${bare.content-type}") String contentType)
            throws IOException {
        this.body = Files.readAllBytes(body);
        this.contentType = MediaType.parseMediaType(contentType);
    }

    @GetMapping("/api/v1/configurations/{serviceId}")
    ResponseEntity<byte[]> configuration() {
        return ResponseEntity.ok().contentType(contentType).body(body);
    }

    public static void main(String[] args) {
        SpringApplication.run(BareBaseline.class, args);
    }
}
