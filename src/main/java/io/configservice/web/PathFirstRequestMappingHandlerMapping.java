package io.configservice.web;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Spring MVC's request mapping, with one change: a mapping whose path patterns do not match is rejected before its
 * method, parameter, header, media type and version conditions are evaluated. A path with a variable such as
 * {@code /api/v1/configurations/{serviceId}} has no direct lookup, so every request to it is tried against every
 * mapping; in that order each try asked the (several times wrapped) request for its method and parsed its
 * {@code Accept} header first, about a fifth of the CPU of a cached configuration read. The result is the same: a
 * mapping matches only when all of its conditions match, and the path is one of them.
 */
class PathFirstRequestMappingHandlerMapping extends RequestMappingHandlerMapping {

    @Override
    protected @Nullable RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
        PathPatternsRequestCondition paths = info.getPathPatternsCondition();
        if (paths != null && paths.getMatchingCondition(request) == null) {
            return null;
        }
        return super.getMatchingMapping(info, request);
    }
}
