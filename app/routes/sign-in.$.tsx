import { SignIn } from '@clerk/remix';
import type { MetaFunction } from '@remix-run/node';

export const meta: MetaFunction = () => [{ title: 'Sign in · Reading tracker' }];

export default function SignInPage() {
  return (
    <div className="auth">
      <SignIn routing="path" path="/sign-in" signUpUrl="/sign-up" />
    </div>
  );
}
