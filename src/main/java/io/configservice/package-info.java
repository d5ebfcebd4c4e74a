/** The configuration service: the application class; each feature lives in a package below. */
@NullMarked
package io.configservice;

import org.jspecify.annotations.NullMarked;
