// The one table from screen name to view. The type makes it complete: a screen added to
// `types.ts` without a view here does not compile.

import type { ScreenName } from '../types';
import type { View } from './view';

import account_locked from './account_locked';
import add_security_key from './add_security_key';
import add_soft_token from './add_soft_token';
import applications from './applications';
import change_password from './change_password';
import choose_method from './choose_method';
import confirm_questions from './confirm_questions';
import dashboard from './dashboard';
import edit_authenticator from './edit_authenticator';
import email_otp from './email_otp';
import error from './error';
import password_changed from './password_changed';
import password_changing from './password_changing';
import questions_saved from './questions_saved';
import recovery_codes from './recovery_codes';
import self_service from './self_service';
import set_questions from './set_questions';
import identity_portal from './identity_portal';
import setup_2fa_username from './setup_2fa_username';
import sign_in from './sign_in';
import signed_out from './signed_out';
import sspr_locked_choice from './sspr_locked_choice';
import sspr_questions from './sspr_questions';
import sspr_search from './sspr_search';
import sspr_totp from './sspr_totp';
import terms from './terms';
import test_authenticator from './test_authenticator';
import totp_prompt from './totp_prompt';

export const views: { [N in ScreenName]: View<N> } = {
  sign_in,
  account_locked,
  set_questions,
  confirm_questions,
  questions_saved,
  change_password,
  password_changing,
  password_changed,
  terms,
  applications,
  dashboard,
  sspr_search,
  sspr_questions,
  sspr_locked_choice,
  sspr_totp,
  totp_prompt,
  identity_portal,
  setup_2fa_username,
  choose_method,
  email_otp,
  self_service,
  add_soft_token,
  add_security_key,
  edit_authenticator,
  test_authenticator,
  recovery_codes,
  error,
  signed_out,
};
