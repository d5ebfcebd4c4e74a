package io.configservice.credential;

import io.configservice.audit.RequestOrigin;
import io.configservice.security.Caller;
import io.configservice.web.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The key encryption key (admin only): its versions, rotation and rewrapping of data keys. */
@RestController
@RequestMapping(path = "/api/v1/keys", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Keys", description = "Key encryption key versions, rotation and rewrap (admin only)")
class KeyController {

    private final KeyManagementService keys;

    KeyController(KeyManagementService keys) {
        this.keys = keys;
    }

    @GetMapping
    @Operation(summary = "Key encryption key versions and how many data keys each wraps")
    ApiResponse<KeyStatus> status(@AuthenticationPrincipal Caller caller) {
        return ApiResponse.ok(keys.status(caller));
    }

    @PostMapping("/rotate")
    @Operation(
            summary =
                    "Rotate the key encryption key and rewrap every data key under the new version")
    ApiResponse<KeyRotationResult> rotate(
            @AuthenticationPrincipal Caller caller, HttpServletRequest request) {
        return ApiResponse.ok(keys.rotate(caller, RequestOrigin.of(request)));
    }

    @PostMapping("/rewrap")
    @Operation(
            summary =
                    "Rewrap data keys still under an older key version (e.g. after an interrupted rotation)")
    ApiResponse<KeyRotationResult> rewrap(
            @AuthenticationPrincipal Caller caller, HttpServletRequest request) {
        return ApiResponse.ok(keys.rewrap(caller, RequestOrigin.of(request)));
    }
}
