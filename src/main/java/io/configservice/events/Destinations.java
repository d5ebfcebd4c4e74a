package io.configservice.events;

/** The STOMP destinations events go to (spec section 4.1 patterns under {@code /topic}). */
public final class Destinations {

    public static final String ENVIRONMENTS = "/topic/environments";

    private Destinations() {}

    public static String config(String serviceId, String environment) {
        return "/topic/config." + serviceId + "." + environment;
    }

    public static String credentials(String serviceId, String environment) {
        return "/topic/credentials." + serviceId + "." + environment;
    }
}
