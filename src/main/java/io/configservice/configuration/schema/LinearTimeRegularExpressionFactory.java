package io.configservice.configuration.schema;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import com.networknt.schema.SchemaException;
import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;
import com.networknt.schema.regex.RegularExpressions;

/**
 * Compiles the regular expressions of JSON Schemas ({@code pattern}, {@code patternProperties},
 * {@code format: regex}) with RE2/J, whose matching time is linear in the input: a schema author
 * cannot write a pattern that backtracks for hours on a short value. A pattern RE2 cannot run
 * (backreferences, lookaround) fails to compile, so a schema holding one breaks its meta-schema
 * ({@code format: regex}) and is refused.
 *
 * <p>Close to ECMA-262 where RE2 allows: like ECMAScript's {@code RegExp.test} a pattern matches
 * anywhere in the value unless anchored, {@code $} matches only at the very end (RE2's default, so
 * no rewriting is needed), {@code \}{@code uXXXX} escapes and long property names such as {@code
 * \p{Letter}} are translated into RE2's forms.
 */
final class LinearTimeRegularExpressionFactory implements RegularExpressionFactory {

    static final LinearTimeRegularExpressionFactory INSTANCE =
            new LinearTimeRegularExpressionFactory();

    private LinearTimeRegularExpressionFactory() {}

    /**
     * @throws SchemaException naming the pattern when RE2 cannot compile it
     */
    @Override
    public RegularExpression getRegularExpression(String regex) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(toRe2(regex));
        } catch (PatternSyntaxException e) {
            throw new SchemaException(
                    "pattern '"
                            + regex
                            + "' is not supported (RE2 syntax, matched in linear time: no "
                            + "backreferences or lookaround): "
                            + e.getDescription());
        }
        return value -> pattern.matcher(value).find();
    }

    /**
     * ECMAScript's {@code \}{@code uXXXX} becomes RE2's {@code \x{XXXX}}; long Unicode property
     * names become short.
     */
    static String toRe2(String ecma) {
        String regex = RegularExpressions.replaceLongformCharacterProperties(ecma);
        if (regex.indexOf("\\u") < 0) {
            return regex;
        }
        StringBuilder result = new StringBuilder(regex.length());
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length()) {
                if (regex.charAt(i + 1) == 'u' && isHex(regex, i + 2, 4)) {
                    result.append("\\x{").append(regex, i + 2, i + 6).append('}');
                    i += 5;
                } else {
                    result.append(c).append(regex.charAt(i + 1));
                    i++;
                }
            } else {
                result.append(c);
            }
        }
        return result.toString();
    }

    private static boolean isHex(String text, int from, int count) {
        if (from + count > text.length()) {
            return false;
        }
        for (int i = from; i < from + count; i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
