/**
 * The start-up check that a GPU image really computes on its GPU ({@link org.repal.core.device.DeviceCheck}).
 */
package org.repal.core.device;
