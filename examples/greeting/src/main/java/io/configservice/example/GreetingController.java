package io.configservice.example;

import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /greeting}: the greeting and when the greeter that made it was created. */
@RestController
public class GreetingController {

    /** The answer. */
    public record Greeting(String text, Instant greeterCreatedAt) {}

    private final Greeter greeter;

    public GreetingController(Greeter greeter) {
        this.greeter = greeter;
    }

    @GetMapping("/greeting")
    public Greeting greeting() {
        return new Greeting(greeter.greeting(), greeter.createdAt());
    }
}
