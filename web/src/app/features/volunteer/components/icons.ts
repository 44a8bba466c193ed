/** Icons of the volunteer screens: the app's set plus a few more from antd-mobile-icons (tree-shaken). */
export * from '../../../components/icons.js';
export { CheckOutline, CloseOutline, CloseCircleOutline, LocationOutline, AddOutline, StopOutline, TravelOutline, UserContactOutline } from 'antd-mobile-icons';
