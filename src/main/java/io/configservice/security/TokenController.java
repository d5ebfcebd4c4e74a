package io.configservice.security;

import io.configservice.web.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Service token administration (admin only, enforced in {@link SecurityConfig}). */
@RestController
@RequestMapping(path = "/api/v1/tokens", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Tokens", description = "Issue and revoke service tokens (admin only)")
class TokenController {

    private final ServiceTokenService tokenService;

    TokenController(ServiceTokenService tokenService) {
        this.tokenService = tokenService;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary =
                    "Issue a token bound to one service; the token is shown only in this response")
    ApiResponse<CreatedToken> create(
            @AuthenticationPrincipal Caller caller,
            @Valid @RequestBody CreateTokenRequest request,
            HttpServletRequest http) {
        return ApiResponse.ok(
                tokenService.create(
                        caller,
                        request,
                        http.getRemoteAddr(),
                        http.getHeader(HttpHeaders.USER_AGENT)));
    }

    @GetMapping
    @Operation(summary = "List active tokens (metadata only)")
    ApiResponse<List<TokenMetadata>> list() {
        return ApiResponse.ok(tokenService.list());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke a token")
    void revoke(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String id,
            HttpServletRequest http) {
        tokenService.revoke(
                caller, id, http.getRemoteAddr(), http.getHeader(HttpHeaders.USER_AGENT));
    }
}
