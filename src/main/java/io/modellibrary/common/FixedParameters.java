package io.modellibrary.common;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request whose parameters are a map a filter decided (rather than the container's parse of
 * the query string and a form body): the JSON body's fields behind the query string
 * ({@code ReplayedBody}), or the query string alone for a streamed upload (the web face).
 */
public abstract class FixedParameters extends HttpServletRequestWrapper {

    /** The parameters, in order; subclasses fill them in their constructor. */
    protected final Map<String, String[]> parameters = new LinkedHashMap<>();

    protected FixedParameters(HttpServletRequest request) {
        super(request);
    }

    @Override
    public String getParameter(String name) {
        String[] values = parameters.get(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        return Collections.unmodifiableMap(parameters);
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(parameters.keySet());
    }

    @Override
    public String[] getParameterValues(String name) {
        return parameters.get(name);
    }
}
