/* posture-policies-page.h: the Policies view: every control's result as the engine
 * found it, per environment, grouped as the admin center groups its policies, with an
 * Identity section first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "posture-session.h"

G_BEGIN_DECLS

#define POSTURE_TYPE_POLICIES_PAGE (posture_policies_page_get_type ())

G_DECLARE_FINAL_TYPE (PosturePoliciesPage, posture_policies_page, POSTURE, POLICIES_PAGE, AdwBin)

/* Property: session (PostureSession, nullable). The page shows the controls of the
 * session's assessment: the Identity section (multifactor authentication, Global
 * Administrators, System Administrators per environment), then the others by category.
 * Every status, count, value and reason comes from the assessment's results; the page
 * reads nothing from the snapshot. A control with a fix through the API is changed
 * through "win.confirm-fix": the same plan and confirmation as the Fix dialog. The
 * search matches controls by title, id and the settings they read, and by the names of
 * the environments and the values (DLP policies among them) they found; "policies.search"
 * focuses it (Ctrl+F through win.search). */
PosturePoliciesPage *posture_policies_page_new         (void);
PostureSession      *posture_policies_page_get_session (PosturePoliciesPage *self);
void                 posture_policies_page_set_session (PosturePoliciesPage *self,
                                                        PostureSession      *session);

G_END_DECLS
