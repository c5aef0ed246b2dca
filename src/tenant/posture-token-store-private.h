/* posture-token-store-private.h: helpers shared by the token store implementations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "posture-token-store.h"

G_BEGIN_DECLS

gint _posture_credential_info_compare (gconstpointer a,
                                       gconstpointer b);

G_END_DECLS
