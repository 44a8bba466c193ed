import type { SVGProps } from 'react';

/**
 * The app's icon set: antd-mobile-icons (tree-shaken, 1em, currentColor) plus the few it lacks, drawn to match
 * (48×48 grid, 3.5 px strokes, round joins).
 */
export {
  AppOutline,
  BillOutline,
  CameraOutline,
  ChatCheckOutline,
  ChatWrongOutline,
  CheckCircleOutline,
  CheckShieldOutline,
  ClockCircleOutline,
  CompassOutline,
  EnvironmentOutline,
  ExclamationCircleOutline,
  FileOutline,
  FillinOutline,
  FlagOutline,
  GiftOutline,
  GlobalOutline,
  HeartOutline,
  HistogramOutline,
  LeftOutline,
  MessageOutline,
  RightOutline,
  ScanCodeOutline,
  SendOutline,
  SmileOutline,
  SoundOutline,
  StarOutline,
  TeamOutline,
  UnorderedListOutline,
  UserAddOutline,
  UserOutline,
  EyeOutline,
  EyeInvisibleOutline,
  BellOutline,
  LockOutline,
} from 'antd-mobile-icons';

const base = (props: SVGProps<SVGSVGElement>): SVGProps<SVGSVGElement> => ({
  width: '1em',
  height: '1em',
  viewBox: '0 0 48 48',
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 3.5,
  strokeLinecap: 'round',
  strokeLinejoin: 'round',
  'aria-hidden': true,
  ...props,
  style: { verticalAlign: '-0.125em', ...props.style },
});

export function HomeOutline(props: SVGProps<SVGSVGElement>) {
  return (
    <svg {...base(props)}>
      <path d="M7 21.5 24 8l17 13.5" />
      <path d="M11.5 18v20.5a2 2 0 0 0 2 2H20V29h8v11.5h6.5a2 2 0 0 0 2-2V18" />
    </svg>
  );
}

export function LaptopOutline(props: SVGProps<SVGSVGElement>) {
  return (
    <svg {...base(props)}>
      <rect x="9" y="10" width="30" height="21" rx="2.5" />
      <path d="M4.5 37.5h39" />
    </svg>
  );
}

export function MobileOutline(props: SVGProps<SVGSVGElement>) {
  return (
    <svg {...base(props)}>
      <rect x="13" y="5" width="22" height="38" rx="4" />
      <path d="M21 36.5h6" />
    </svg>
  );
}

export function ServiceOutline(props: SVGProps<SVGSVGElement>) {
  // a hand holding a heart: volunteer service
  return (
    <svg {...base(props)}>
      <path d="M24 22.5s-8-4.8-8-10.1A4.4 4.4 0 0 1 24 10a4.4 4.4 0 0 1 8 2.4c0 5.3-8 10.1-8 10.1Z" />
      <path d="M5.5 30.5h6l7.5 3h7a2.5 2.5 0 0 0 0-5h-5" />
      <path d="M26 28.5h6.5l7.8-3.3a2.6 2.6 0 0 1 2.2 4.7L31 36.5a5 5 0 0 1-3.4.6L19 35.5" />
    </svg>
  );
}
