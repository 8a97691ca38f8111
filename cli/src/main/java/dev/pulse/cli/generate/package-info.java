/**
 * {@code pulse generate}: a realistic data set generated into a store (shared with {@code pulse demo}).
 */
package dev.pulse.cli.generate;
