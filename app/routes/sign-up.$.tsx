import { SignUp } from '@clerk/remix';
import type { MetaFunction } from '@remix-run/node';

export const meta: MetaFunction = () => [{ title: 'Sign up · Reading tracker' }];

export default function SignUpPage() {
  return (
    <div className="auth">
      <SignUp routing="path" path="/sign-up" signInUrl="/sign-in" />
    </div>
  );
}
