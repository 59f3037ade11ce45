package org.vecino.server.office;

import org.vecino.core.office.ServiceRequest;

/**
 * A stored service request with what Open311 shows besides the domain fields. Immutable.
 *
 * @param token the Open311 token of the request
 * @param mediaUrl a photo URL given by the citizen, or null
 */
public record StoredRequest(ServiceRequest request, String token, String mediaUrl) {}
