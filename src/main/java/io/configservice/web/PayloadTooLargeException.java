package io.configservice.web;

import java.io.IOException;

/** Raised while a request body is read once it passes the configured size limit. */
class PayloadTooLargeException extends IOException {

    PayloadTooLargeException(long limit) {
        super("Request body exceeds " + limit + " bytes");
    }
}
