/* posture-fix-request.h: one write of a remediation plan
 *
 * A request names its target as a service and a path, not as an absolute URL: the
 * hosts depend on the cloud, which the tenant client knows. BAP and Graph paths are
 * resolved against the cloud's base URL ("https://api.bap.microsoft.com" + path);
 * a Dataverse request carries its environment's instance URL from the snapshot as its
 * base (instanceUrl + path). posture_fix_request_dup_url() makes the absolute URL for
 * display and JSON; the tenant client resolves it the same way and applies its host
 * rules before anything is sent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "posture-enums.h"

G_BEGIN_DECLS

typedef enum
{
  POSTURE_FIX_SERVICE_BAP,
  POSTURE_FIX_SERVICE_DATAVERSE,
  POSTURE_FIX_SERVICE_GRAPH,
} PostureFixService;

/* What kind of write it is: decides how the runner retries it, where it reads the
 * resource back, and how the plan projects it onto a snapshot. */
typedef enum
{
  POSTURE_FIX_KIND_TENANT_SETTINGS,  /* POST updateTenantSettings: only the changed member */
  POSTURE_FIX_KIND_TENANT_ISOLATION, /* PUT tenantIsolationPolicy: 200, or 202 + Location */
  POSTURE_FIX_KIND_DLP_CREATE,       /* POST v2/policies: never retried blindly */
  POSTURE_FIX_KIND_DLP_UPDATE,       /* PATCH v2/policies/{name} */
  POSTURE_FIX_KIND_GOVERNANCE,       /* POST governanceConfiguration: 204, 202 or 409 */
  POSTURE_FIX_KIND_DATAVERSE,        /* PATCH organizations({id}): only changed columns */
} PostureFixKind;

/* POSTURE_TYPE_FIX_SERVICE and POSTURE_TYPE_FIX_KIND are in posture-enums.h. */
#define POSTURE_TYPE_FIX_REQUEST (posture_fix_request_get_type ())

G_DECLARE_FINAL_TYPE (PostureFixRequest, posture_fix_request, POSTURE, FIX_REQUEST, GObject)

/* @base: the Dataverse instance URL (required for POSTURE_FIX_SERVICE_DATAVERSE, NULL
 * otherwise). @path starts with "/" (BAP, Graph) or is relative to @base (Dataverse:
 * "api/data/v9.2/organizations(…)"). @body and @expected (what a read-back of the
 * resource must contain for the change to be verified) are copied. */
PostureFixRequest *posture_fix_request_new          (PostureFixKind     kind,
                                                     const char        *method,
                                                     PostureFixService  service,
                                                     const char        *base,
                                                     const char        *path,
                                                     JsonNode          *body,
                                                     JsonNode          *expected);
PostureFixKind     posture_fix_request_get_kind     (PostureFixRequest *self);
const char        *posture_fix_request_get_method   (PostureFixRequest *self);
const char        *posture_fix_request_get_base     (PostureFixRequest *self);
/* (transfer none) (nullable): the JSON body. */
JsonNode          *posture_fix_request_get_body     (PostureFixRequest *self);
/* TRUE when @read_back (nullable) holds what the request wrote (its expected value);
 * @out_difference (optional) says what differs ("properties.isDisabled is true, not
 * false"). */
gboolean           posture_fix_request_check        (PostureFixRequest  *self,
                                                     JsonNode           *read_back,
                                                     char              **out_difference);
/* TRUE for writes the service applies the same way twice (PUT, PATCH, tenant
 * settings): only those are retried without first checking what the last try did. */
gboolean           posture_fix_request_is_idempotent (PostureFixRequest *self);
/* The absolute URL: @bap_base or @graph_base (no trailing slash) + path, or the
 * Dataverse base + path. Returns: (transfer full). */
char              *posture_fix_request_dup_url      (PostureFixRequest *self,
                                                     const char        *bap_base,
                                                     const char        *graph_base);
/* {"method","url","body"} as `posture-cli fix --format json` prints it. */
JsonNode          *posture_fix_request_to_json      (PostureFixRequest *self,
                                                     const char        *bap_base,
                                                     const char        *graph_base);

G_END_DECLS
