/* posture-policies-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "posture-snapshot.h"
#include "posture-tenant.h"

G_BEGIN_DECLS

#define POSTURE_TYPE_POLICIES_PAGE (posture_policies_page_get_type ())

G_DECLARE_FINAL_TYPE (PosturePoliciesPage, posture_policies_page, POSTURE, POLICIES_PAGE, AdwBin)

/* The proactive policies of a snapshot, grouped as the admin center groups them
 * (data protection and privacy; identity and access; compliance): tenant settings
 * with their values, tenant isolation and its allow-list, DLP policies with their
 * environments and connector groups, and environment-level settings summarised.
 *
 * With a "client", tenant settings and tenant isolation can be changed: each change
 * is confirmed in an AdwMessageDialog that states it exactly, goes through the
 * client's write call, and then "changed" is emitted so that the window reads the
 * tenant again. Without one the page is read-only. */
PosturePoliciesPage *posture_policies_page_new          (void);
PostureSnapshot     *posture_policies_page_get_snapshot (PosturePoliciesPage *self);
void                 posture_policies_page_set_snapshot (PosturePoliciesPage *self,
                                                         PostureSnapshot     *snapshot);
PostureTenantClient *posture_policies_page_get_client   (PosturePoliciesPage *self);
void                 posture_policies_page_set_client   (PosturePoliciesPage *self,
                                                         PostureTenantClient *client);

G_END_DECLS
