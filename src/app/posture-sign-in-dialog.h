/* posture-sign-in-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "posture-tenant.h"

G_BEGIN_DECLS

#define POSTURE_TYPE_SIGN_IN_DIALOG (posture_sign_in_dialog_get_type ())

G_DECLARE_FINAL_TYPE (
    PostureSignInDialog, posture_sign_in_dialog, POSTURE, SIGN_IN_DIALOG, AdwWindow)

typedef enum
{
  POSTURE_SIGN_IN_MODE_DEVICE_CODE,       /* a person signs in in a browser */
  POSTURE_SIGN_IN_MODE_SERVICE_PRINCIPAL, /* an app registration's client id and secret */
} PostureSignInMode;

/* A modal dialog that signs in to one tenant, by device code or with a service
 * principal's secret. Credentials go only to @store (NULL: the Secret Service);
 * on success the tenant, as typed, is added to the `tenants` key of @settings (ids
 * only) and "signed-in" (const char *tenant, PostureOAuth *oauth) is emitted, then
 * the dialog closes. The cloud starts from the `cloud` key. */
PostureSignInDialog *posture_sign_in_dialog_new            (GtkWindow           *parent,
                                                            GSettings           *settings,
                                                            PostureTokenStore   *store);
/* Pre-fills the form; each may be NULL. @api_base selects the custom cloud (the
 * demo tenant, tests). */
void                 posture_sign_in_dialog_set_tenant     (PostureSignInDialog *self,
                                                            const char          *tenant);
void                 posture_sign_in_dialog_set_client_id  (PostureSignInDialog *self,
                                                            const char          *client_id);
void                 posture_sign_in_dialog_set_api_base   (PostureSignInDialog *self,
                                                            const char          *api_base);
void                 posture_sign_in_dialog_set_mode       (PostureSignInDialog *self,
                                                            PostureSignInMode    mode);
/* HTTP retry and polling options for the sign-in (tests shorten them). */
void                 posture_sign_in_dialog_set_http_options (PostureSignInDialog      *self,
                                                              const PostureHttpOptions *options);
/* Starts signing in with what the form holds, as the Sign In button does. */
void                 posture_sign_in_dialog_sign_in        (PostureSignInDialog *self);
/* The device code being shown, or NULL. */
PostureDeviceCode   *posture_sign_in_dialog_get_device_code (PostureSignInDialog *self);
/* The error shown to the user, or NULL. */
const char          *posture_sign_in_dialog_get_error_text (PostureSignInDialog *self);

G_END_DECLS
