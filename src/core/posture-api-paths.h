/* posture-api-paths.h: the admin API paths the fixes write to and read back from
 *
 * One place for each path and its api-version (reference/tenant-api.md), so the planner
 * that writes a request and the runner that reads the resource back name the same
 * resource. BAP paths are relative to the cloud's BAP base URL; the Dataverse path to an
 * environment's instance URL. Paths with %s take one URI-escaped segment.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#define POSTURE_API_LIST_TENANT_SETTINGS \
  "/providers/Microsoft.BusinessAppPlatform/listTenantSettings?api-version=2023-06-01"
#define POSTURE_API_UPDATE_TENANT_SETTINGS \
  "/providers/Microsoft.BusinessAppPlatform/scopes/admin/updateTenantSettings" \
  "?api-version=2023-06-01"
/* %s: the tenant id */
#define POSTURE_API_TENANT_ISOLATION \
  "/providers/PowerPlatform.Governance/v1/tenants/%s/tenantIsolationPolicy" \
  "?api-version=2020-06-01"
/* DLP v2 takes no api-version; one policy is this + "/" + its name. */
#define POSTURE_API_DLP_POLICIES "/providers/PowerPlatform.Governance/v2/policies"
/* %s: the environment name */
#define POSTURE_API_ENVIRONMENT \
  "/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments/%s?api-version=2023-06-01"
/* %s: the environment name */
#define POSTURE_API_GOVERNANCE \
  "/providers/Microsoft.BusinessAppPlatform/environments/%s/governanceConfiguration" \
  "?api-version=2021-04-01"
/* Relative to the instance URL; %s: the organization id */
#define POSTURE_API_ORGANIZATION "api/data/v9.2/organizations(%s)"
