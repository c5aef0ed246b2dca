/* posture-payload-private.h: what the tenant client reads out of the services' answers
 *
 * Pure functions over parsed (bounded) JSON, with no I/O: the reader, the sign-in and
 * the fuzz target (tests/fuzz/fuzz-payloads.c) call the same ones. Whatever an answer
 * holds, they return NULL or FALSE rather than fail.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "posture-device-code.h"

G_BEGIN_DECLS

/* An answer parsed quickly when it is plain JSON of the usual kind (see
 * posture-payload-parse.c), nested at most @max_depth deep: the tree json-glib's parser
 * would build, not sealed. NULL when the answer is anything else (the caller then parses
 * it with posture_json_parse (), which accepts or refuses it). Returns: (transfer full). */
JsonNode    *_posture_payload_parse_quick         (const char   *data,
                                                   gsize         length,
                                                   guint         max_depth);

/* A page of a list (BAP, Graph, Dataverse): its "value" array and its next page
 * ("nextLink" or "@odata.nextLink", any case), or FALSE when it has no "value" list. */
gboolean     _posture_payload_page                (JsonNode     *page,
                                                   JsonArray   **out_values,
                                                   const char  **out_next_link);
/* The next page of a list answer, found in its text before it is parsed (so that the
 * next page can be asked for at once): the first top-level "nextLink" or
 * "@odata.nextLink" string member, decoded. Linear, bounded, never recursive; NULL when
 * there is none or the text is not what it should be. Returns: (transfer full). */
char        *_posture_payload_scan_next_link      (const char   *data,
                                                   gsize         length);
/* Whether @name is a next-page member ("nextLink", "@odata.nextLink", any case). */
gboolean     _posture_payload_is_next_link        (const char   *name);
/* The first page's members but the next link, with @values as "value". Returns:
 * (transfer full). */
JsonNode    *_posture_payload_merge_pages         (JsonObject   *first_page,
                                                   JsonArray    *values);

/* An environment's name and its Dataverse instanceUrl ("" when it has Dataverse without
 * one; NULL when it has no Dataverse). FALSE when the item is not an environment. */
gboolean     _posture_payload_environment         (JsonNode     *item,
                                                   const char  **out_name,
                                                   const char  **out_instance_url);
/* The name of a DLP policy in the list (policyDefinition.name, or name). */
const char  *_posture_payload_dlp_policy_name     (JsonNode     *item);
/* The organizations row of a Dataverse answer. Returns: (transfer none) (nullable). */
JsonNode    *_posture_payload_dataverse_row       (JsonNode     *answer);
/* The organization's display name of a Graph answer. Returns: (transfer full). */
char        *_posture_payload_organization_name   (JsonNode     *answer);
/* The id of a role assignment's principal when it is a group. */
const char  *_posture_payload_group_principal     (JsonNode     *assignment);
/* A role copy's users: the next page of its expanded systemuserroles_association. */
const char  *_posture_payload_association_next    (JsonNode     *role);
/* A mutable copy of the role whose association the next pages are appended to, without
 * the nextLink annotation. Returns: (transfer full). */
JsonNode    *_posture_payload_role_copy           (JsonNode     *role);
/* Appends @more's "value" to the copy's association. */
void         _posture_payload_role_append         (JsonNode     *copy,
                                                   JsonNode     *more);

/* Dataverse answers 400 "Could not find a property named 'x' on type …" for a $select
 * column it does not know: @uri without that column (the primary key is never dropped),
 * or NULL. Returns: (transfer full). */
char        *_posture_payload_drop_unknown_column (const char   *uri,
                                                   const char   *message,
                                                   char        **out_column);

/* The device-code answer (RFC 8628). Returns: (transfer full) (nullable). */
PostureDeviceCode *_posture_payload_device_code   (JsonNode     *answer,
                                                   guint         min_interval_ms,
                                                   GError      **error);

G_END_DECLS
