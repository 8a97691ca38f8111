/** Text the SDK writes into its host's log: kept to one line and a bounded length, whoever supplied it. */
package dev.pulse.client.text;
