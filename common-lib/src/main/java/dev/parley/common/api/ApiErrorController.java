package dev.parley.common.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page: whatever it refused before the dispatcher (no such path, a method it does not
 * allow, a body over its limits) is answered in Slack's envelope instead of Spring's default error document.
 */
@RestController
class ApiErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        // Asked for directly, the error page is just a path that serves nothing.
        int status = code instanceof Integer i ? i : 404;
        String path = uri instanceof String s ? s : request.getRequestURI();
        response.setStatus(HttpErrors.status(status, path));
        response.setContentType("application/json; charset=utf-8");
        response.getOutputStream().write(HttpErrors.body(status, path));
    }
}
