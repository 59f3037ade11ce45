/**
 * The Neighbor's Office: municipal procedures, the offices that attend them and their opening
 * hours, appointment slots ({@link org.vecino.core.office.SlotPlanner}), kiosk devices and citizen
 * service requests (Open311 GeoReport v2 services and requests). Plain Java, immutable values.
 */
package org.vecino.core.office;
